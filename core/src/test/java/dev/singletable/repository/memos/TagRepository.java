package dev.singletable.repository.check15b;

import dev.singletable.repository.SingleTableRepository;

public interface TagRepository extends SingleTableRepository<Tag> {

}
