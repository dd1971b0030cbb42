package dev.singletable.autoconfigure.data.check15b;

import dev.singletable.repository.SingleTableRepository;

public interface NoteRepository extends SingleTableRepository<Note> {

}
