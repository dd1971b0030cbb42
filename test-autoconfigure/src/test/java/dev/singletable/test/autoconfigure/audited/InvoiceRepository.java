package dev.singletable.test.autoconfigure.audited;

import dev.singletable.repository.SingleTableRepository;

/**
 * Invoices.
 */
public interface InvoiceRepository extends SingleTableRepository<Invoice> {

}
