package dev.singletable.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.memos.Memo;
import dev.singletable.repository.memos.MemoRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application the repository tests of the {@code memos} types share: one table with an extra index
 * {@code gsi4}, blobs in S3 under the prefix {@code memos}, and the repositories of {@link MemoRepository}'s package
 * with auditing whose auditor is {@link #user}. Register {@link #s3} and {@link #dynamo} in the test class and open
 * a fresh context for each test with {@link #openContext()}.
 */
final class MemoRepositoryFixtures {

	/** The bucket holding the blobs of the group. */
	static final S3LocalExtension s3 = new S3LocalExtension();

	/** The table every test of the group uses, emptied before each test. */
	static final DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-memos",
			new TableIndex("gsi4", "gsi4pk", "gsi4sk"));

	/** The auditor; {@code "#"} makes every call of the {@code AuditorAware} return a new one. */
	static final AtomicReference<String> user = new AtomicReference<>("ann");

	/** How many times the {@code AuditorAware} was asked. */
	static final AtomicInteger auditorCalls = new AtomicInteger();

	private MemoRepositoryFixtures() {
	}

	/**
	 * Resets the auditor to {@code "ann"} and the count of its calls, and opens a context of {@link Config}.
	 * @return the new context, to close after the test
	 */
	static AnnotationConfigApplicationContext openContext() {
		user.set("ann");
		auditorCalls.set(0);
		return new AnnotationConfigApplicationContext(Config.class);
	}

	/**
	 * Saves memos b, a, d, c on topic x (in that order) and e on topic y, then forgets the requests it sent.
	 * @param memos the repository
	 * @return the saved memos, in that order
	 */
	static List<Memo> saveMemos(MemoRepository memos) {
		List<Memo> saved = new ArrayList<>();
		for (String title : List.of("b", "a", "d", "c")) {
			saved.add(memos.save(Memo.of("x", title)));
		}
		saved.add(memos.save(Memo.of("y", "e")));
		dynamo.requests().reset();
		return saved;
	}

	/**
	 * Returns the last query the counted client sent.
	 * @return the query request
	 */
	static QueryRequest lastQuery() {
		List<QueryRequest> sent = dynamo.requests().sent(QueryRequest.class);
		assertThat(sent).isNotEmpty();
		return sent.get(sent.size() - 1);
	}

	/**
	 * Returns the titles of the memos, in order.
	 * @param memos the memos
	 * @return their titles
	 */
	static List<String> titles(List<Memo> memos) {
		return memos.stream().map(Memo::title).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = MemoRepository.class)
	@EnableSingleTableAuditing
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
			template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), "memos",
					template.getConverter().getJsonMapper()));
			return template;
		}

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> {
				int call = auditorCalls.incrementAndGet();
				String current = user.get();
				return Optional.ofNullable("#".equals(current) ? "auditor-" + call : current);
			};
		}

	}

}
