package com.example.blocking;

import dev.singletable.repository.VersionedRepository;

public interface DocumentRepository extends VersionedRepository<Document> {

}
