package dev.singletable.repository.singletons;

import java.util.List;
import java.util.Optional;

import dev.singletable.repository.SingleTableRepository;

public interface BrandingRepository extends SingleTableRepository<Branding> {

	List<Branding> findByTheme(String theme);

	Optional<Branding> findByThemeAndId(String theme, String id);

	List<Branding> findByThemeAndIdStartingWith(String theme, String prefix);

	List<Branding> findByThemeAndIdGreaterThanEqual(String theme, String from);

	List<Branding> findByThemeAndIdLessThan(String theme, String before);

	List<Branding> findByThemeAndIdBetween(String theme, String from, String to);

	List<Branding> findByThemeOrderByIdDesc(String theme);

}
