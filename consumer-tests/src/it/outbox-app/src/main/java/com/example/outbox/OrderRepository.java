package com.example.outbox;

import dev.singletable.repository.SingleTableRepository;

public interface OrderRepository extends SingleTableRepository<Order> {

}
