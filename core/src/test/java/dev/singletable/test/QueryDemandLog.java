package dev.singletable.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs every {@code Query} of the client it is installed in: its {@code Limit} and the items it returned, for tests
 * that check that a query reading by demand sends the requests the results taken need, never one more. Thread-safe.
 */
public class QueryDemandLog implements ExecutionInterceptor {

	private final List<@Nullable Integer> limits = new CopyOnWriteArrayList<>();

	private final List<List<Map<String, AttributeValue>>> pages = new CopyOnWriteArrayList<>();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		if (context.request() instanceof QueryRequest request) {
			this.limits.add(request.limit());
		}
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		if (context.response() instanceof QueryResponse response) {
			this.pages.add(response.items());
		}
	}

	/**
	 * Returns the limits of the queries sent, in order ({@code null} for none).
	 * @return the limits
	 */
	public List<@Nullable Integer> limits() {
		return new ArrayList<>(this.limits);
	}

	/**
	 * Returns the items each query returned, in order.
	 * @return the pages
	 */
	public List<List<Map<String, AttributeValue>>> pages() {
		return List.copyOf(this.pages);
	}

	/**
	 * Returns how many items each query returned, in order.
	 * @return the counts
	 */
	public List<Integer> counts() {
		return this.pages.stream().map(List::size).toList();
	}

	/**
	 * Forgets the queries logged so far.
	 */
	public void clear() {
		this.limits.clear();
		this.pages.clear();
	}

	/**
	 * Asserts that no query is sent in the next 200 milliseconds: the results taken needed no more.
	 */
	public void assertNoMoreRequests() {
		int sent = limits().size();
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(limits()).as("requests after the results were taken").hasSize(sent);
	}

	/**
	 * The limits of the requests that read {@code wanted} results (unfiltered) from pages of the given sizes: each
	 * asks for what the pages before left (at most 1,000), until none is left.
	 * @param wanted the number of results taken
	 * @param pageSizes the number of items each page returned
	 * @return the limits
	 */
	public static List<Integer> expectedLimits(int wanted, List<Integer> pageSizes) {
		List<Integer> limits = new ArrayList<>();
		int left = wanted;
		for (int i = 0; left > 0; i++) {
			limits.add(Math.min(left, 1_000));
			left -= (i < pageSizes.size()) ? pageSizes.get(i) : left;
		}
		return limits;
	}

}
