package dev.singletable.test.autoconfigure.example;

import org.springframework.stereotype.Service;

/**
 * A service, which a {@code @DataSingleTableTest} leaves out.
 */
@Service
public class NoteService {

}
