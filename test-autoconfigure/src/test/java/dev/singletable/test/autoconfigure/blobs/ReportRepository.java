package dev.singletable.test.autoconfigure.blobs;

import dev.singletable.repository.VersionedRepository;

/**
 * Reports.
 */
public interface ReportRepository extends VersionedRepository<Report> {

}
