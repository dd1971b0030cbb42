package dev.singletable.repository.check15;

import dev.singletable.repository.SingleTableRepository;

public interface PingRepository extends SingleTableRepository<Ping> {

}
