package dev.singletable.repository.gizmos;

import dev.singletable.repository.SingleTableRepository;

public interface PingRepository extends SingleTableRepository<Ping> {

}
