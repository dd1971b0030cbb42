package dev.singletable.repository.memos;

import dev.singletable.repository.SingleTableRepository;

public interface TagRepository extends SingleTableRepository<Tag> {

}
