package dev.singletable.autoconfigure.definitions.good;

import java.util.List;

import org.springframework.data.repository.NoRepositoryBean;

import dev.singletable.autoconfigure.definitions.bad.Parcel;
import dev.singletable.repository.VersionedRepository;

@NoRepositoryBean
public interface NotARepository extends VersionedRepository<Parcel> {

	List<Parcel> findByLabelLike(String pattern);

}
