package dev.singletable.autoconfigure.definitions.plainbad;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application whose record entity type stores a property under a key attribute of the item layout.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StoredUnderTheSortKeyApplication {

}
