package com.example.reference.shop;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface OrderRepository extends SingleTableRepository<Order> {

	List<Order> findByCustomerId(String customerId);

}
