package dev.singletable.autoconfigure.data.check15;

import dev.singletable.repository.SingleTableRepository;

public interface DeedRepository extends SingleTableRepository<Deed> {

}
