package dev.singletable.autoconfigure.data.deeds;

import dev.singletable.repository.SingleTableRepository;

public interface DeedRepository extends SingleTableRepository<Deed> {

}
