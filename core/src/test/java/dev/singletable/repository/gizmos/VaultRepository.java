package dev.singletable.repository.gizmos;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

public interface VaultRepository extends VersionedRepository<Vault> {

	List<VaultText> findTextsByZone(String zone);

	/** A closed projection of a compressed type. */
	interface VaultText {

		String getText();

	}

}
