import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application in the default package, whose package the early definitions check must not scan: that would read
 * the whole class path (and here find the underivable repository of another fixture).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DefaultPackageApplication {

}
