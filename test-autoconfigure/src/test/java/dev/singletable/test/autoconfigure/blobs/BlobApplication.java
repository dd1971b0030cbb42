package dev.singletable.test.autoconfigure.blobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with an entity that stores a property in S3, for the slice tests.
 */
@SpringBootApplication
public class BlobApplication {

}
