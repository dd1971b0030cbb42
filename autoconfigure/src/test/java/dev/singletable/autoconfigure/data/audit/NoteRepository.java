package dev.singletable.autoconfigure.data.audit;

import dev.singletable.repository.SingleTableRepository;

public interface NoteRepository extends SingleTableRepository<Note> {

}
