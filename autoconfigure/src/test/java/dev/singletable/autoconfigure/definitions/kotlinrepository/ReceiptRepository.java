package dev.singletable.autoconfigure.definitions.kotlinrepository;

import dev.singletable.repository.SingleTableRepository;

/**
 * The repository of the Kotlin entity type.
 */
public interface ReceiptRepository extends SingleTableRepository<Receipt> {

}
