package dev.singletable.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.kinesis.common.InitialPositionInStream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule of {@link OptionalLibraryRules} fails on a planted violation (the nested classes below, in
 * {@code dev.singletable.architecture}: on the blocking side, and no adapter) and names the class that broke it; the
 * reactive side's own use of Reactor and an adapter's use of its library pass.
 */
class OptionalLibraryRulesFailureTests {

	private static final String BASE = "dev.singletable";

	@Test
	void aBlockingClassNamingMonoFails() {
		assertFails(OptionalLibraryRules.blockingSideLinksNoReactor(BASE), BlockingPlan.class,
				"reactor.core.publisher.Mono");
	}

	@Test
	void aBlockingClassUsingAReactiveClassFails() {
		// BlobStorageRequests before the fix: no Reactor of its own, but a reactive storage that links it
		assertFails(OptionalLibraryRules.blockingSideLinksNoReactor(BASE), BlockingRequests.class,
				ReactiveStorage.class.getName());
	}

	@Test
	void theReactiveSideMayUseReactor() {
		JavaClasses classes = new ClassFileImporter().importClasses(ReactiveStorage.class, CleanBlocking.class);
		assertThatCode(() -> OptionalLibraryRules.blockingSideLinksNoReactor(BASE).check(classes))
			.doesNotThrowAnyException();
	}

	@Test
	void aClassOutsideTheAdaptersUsingTheKclFails() {
		assertFails(OptionalLibraryRules.onlyAdaptersUse(BASE, "The KCL", new String[] { "software.amazon.kinesis.." },
				List.of("events.internal.kcl")), ShardReader.class, "software.amazon.kinesis");
	}

	@Test
	void aClassOutsideTheAdaptersUsingS3Fails() {
		assertFails(OptionalLibraryRules.onlyAdaptersUse(BASE, "The S3 client",
				new String[] { "software.amazon.awssdk.services.s3.." }, List.of("core.blob")), Uploader.class,
				"S3Client");
	}

	@Test
	void aClassOutsideTheAdapterUsingJacksonsKotlinModuleFails() {
		assertFails(OptionalLibraryRules.onlyAdaptersUse(BASE, "Kotlin",
				new String[] { "kotlin..", "tools.jackson.module.kotlin.." }, List.of("core.convert.KotlinJacksonModule")),
				KotlinMapper.class, "tools.jackson.module.kotlin.KotlinModule");
	}

	@Test
	void anAdapterMayUseItsLibrary() {
		JavaClasses classes = new ClassFileImporter().importClasses(Uploader.class, CleanBlocking.class);
		assertThatCode(() -> OptionalLibraryRules
			.onlyAdaptersUse(BASE, "The S3 client", new String[] { "software.amazon.awssdk.services.s3.." },
					List.of("architecture.OptionalLibraryRulesFailureTests$Uploader"))
			.check(classes)).doesNotThrowAnyException();
	}

	private static void assertFails(ArchRule rule, Class<?> violator, String target) {
		JavaClasses classes = new ClassFileImporter().importClasses(violator);
		assertThatThrownBy(() -> rule.check(classes)).hasMessageContaining(violator.getName())
			.hasMessageContaining(target);
	}

	/** A plan of the blocking side that names Reactor. */
	static final class BlockingPlan {

		Object next() {
			return Mono.empty();
		}

	}

	/** A reactive class: it may use Reactor. */
	static final class ReactiveStorage {

		Mono<String> read() {
			return Mono.just("x");
		}

	}

	/** A blocking class that links nothing optional. */
	static final class CleanBlocking {

		String name() {
			return "clean";
		}

	}

	/** A blocking class that hands requests to the reactive class. */
	static final class BlockingRequests {

		Object send(ReactiveStorage storage) {
			return storage;
		}

	}

	/** Reads a shard outside the KCL's adapter package. */
	static final class ShardReader {

		Object position() {
			return InitialPositionInStream.LATEST;
		}

	}

	/** Registers Jackson's Kotlin module outside its adapter. */
	static final class KotlinMapper {

		Object module() {
			return new tools.jackson.module.kotlin.KotlinModule.Builder().build();
		}

	}

	/** Uploads to S3 outside the blob package. */
	static final class Uploader {

		Object client(S3Client client) {
			return client;
		}

	}

}
