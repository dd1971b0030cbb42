package dev.singletable.autoconfigure.web.notes;

import dev.singletable.repository.SingleTableRepository;

public interface NoteRepository extends SingleTableRepository<Note> {

}
