package dev.singletable.autoconfigure.transaction.names;

import org.springframework.transaction.annotation.Transactional;

import dev.singletable.repository.SingleTableRepository;

/**
 * A repository one of whose methods names a transaction manager the application does not have.
 */
public interface GadgetRepository extends SingleTableRepository<Gadget> {

	/**
	 * Saves in a transaction manager that does not exist.
	 * @param gadget the gadget
	 * @return the stored gadget
	 */
	@Transactional("missingManager")
	default Gadget saveElsewhere(Gadget gadget) {
		return save(gadget);
	}

}
