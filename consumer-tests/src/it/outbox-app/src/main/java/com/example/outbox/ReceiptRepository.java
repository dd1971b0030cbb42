package com.example.outbox;

import dev.singletable.repository.SingleTableRepository;

public interface ReceiptRepository extends SingleTableRepository<Receipt> {

}
