package dev.singletable.repository.memos;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface SheetRepository extends SingleTableRepository<Sheet> {

	List<Sheet.BodyView> findBodiesByFolder(String folder);

	List<Sheet> findByFolder(String folder);

}
