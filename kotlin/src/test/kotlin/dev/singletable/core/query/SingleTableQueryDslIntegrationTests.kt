package dev.singletable.core.query

import java.time.LocalDate

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatExceptionOfType
import org.assertj.core.api.Assertions.assertThatIllegalArgumentException
import org.assertj.core.api.Assertions.catchThrowable
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import org.springframework.data.domain.Sort
import software.amazon.awssdk.services.dynamodb.model.QueryRequest

import dev.singletable.core.SingleTableTemplate
import dev.singletable.core.query
import dev.singletable.fixtures.Shift
import dev.singletable.fixtures.Status
import dev.singletable.fixtures.Task
import dev.singletable.test.DynamoDbLocalExtension

/**
 * The query DSL on DynamoDB Local: key conditions on property references read the index the templates of its keys
 * wrote (the same requests as the Java builder given the rendered keys), filters on property references are
 * evaluated by DynamoDB, and a condition no key of the index holds is refused before anything is read.
 */
class SingleTableQueryDslIntegrationTests {

	companion object {

		@JvmField
		@RegisterExtension
		val dynamo = DynamoDbLocalExtension("kotlin-query-dsl")

		private val june: LocalDate = LocalDate.of(2025, 6, 1)

	}

	private lateinit var template: SingleTableTemplate

	@BeforeEach
	fun setUp() {
		this.template = SingleTableTemplate(dynamo.client(), dynamo.tableName())
		for (day in 0 until 10) {
			this.template.create(Task("t%02d".format(day), null, "ann's $day", if (day % 2 == 0) Status.OPEN
				else Status.DONE, "ann", june.plusDays(day.toLong()), day, null))
		}
		this.template.create(Task("t20", null, "bob's", Status.OPEN, "bob", june.plusDays(1), 5, null))
		this.template.create(Task("t21", null, "nobody's", Status.OPEN, null, null, 1, null))
		dynamo.requests().reset()
	}

	@Test
	fun aPartitionAndARangeOnThePropertiesOfTheIndexKeysReadWhatTheJavaBuilderReadsWithTheRenderedKeys() {
		val between = this.template.query<Task> {
			index("gsi3")
			Task::assignee eq "ann"
			Task::due between (june.plusDays(3) to june.plusDays(5))
		}.all()

		assertThat(between.map { it.id }).containsExactly("t03", "t04", "t05")
		assertThat(between).isEqualTo(this.template.query(Task::class.java)
			.index("gsi3")
			.partition("assignee#ann")
			.sortBetween(june.plusDays(3), june.plusDays(5))
			.all())
		assertThat(dynamo.requests().sent(QueryRequest::class.java).map { it.expressionAttributeValues() }.distinct())
			.hasSize(1)
		val range = this.template.query<Task> {
			index("gsi3")
			Task::assignee eq "ann"
			Task::due between june.plusDays(8)..june.plusDays(20)
			descending()
		}.all()
		assertThat(range.map { it.id }).containsExactly("t09", "t08")
		assertThat(this.template.query<Task> {
			index("gsi3")
			Task::assignee eq "ann"
			Task::due lt june.plusDays(2)
		}.all().map { it.id }).containsExactly("t00", "t01")
		assertThat(this.template.query<Task> {
			index("gsi3")
			Task::assignee eq "ann"
			Task::due ge june.plusDays(9)
		}.all().map { it.id }).containsExactly("t09")
		assertThat(this.template.query<Task> {
			index("gsi3")
			Task::assignee eq "ann"
			Task::due beginsWith "2025-06-0"
			limit(3)
		}.page().items.map { it.id }).containsExactly("t00", "t01", "t02")
	}

	@Test
	fun theTableIsReadByTheIdAndAQueryByIdTakesNoKeyCondition() {
		assertThat(this.template.query<Task> { table(); Task::id eq "t03" }.all().map { it.title })
			.containsExactly("ann's 3")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> { table(); Task::title eq "ann's 3" }
		}.withMessageContaining("its only key condition is Task::id eq <id>")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> { id("t03"); Task::assignee eq "ann" }
		}.withMessageContaining("reads one resource with id(..), so it takes no key condition")
		assertThat(this.template.query<Task> { id("t03") }.firstOrNull()?.title).isEqualTo("ann's 3")
	}

	@Test
	fun theOrderAndTheReadingOptionsAreTheJavaQuerys() {
		assertThat(this.template.query<Task> {
			index("gsi3")
			Task::assignee eq "ann"
			orderBy(Task::due, Sort.Direction.DESC)
			offset(1)
			limit(2)
			maxRequests(3)
		}.all().map { it.id }).containsExactly("t08", "t07")
		assertThat(this.template.query<Task> { table(); Task::id eq "t01"; consistentRead(); ascending() }.all())
			.hasSize(1)
		// an order the index does not return is refused where Java refuses it: when the query is read
		val byTitle = this.template.query<Task> { index("gsi3"); Task::assignee eq "ann"; orderBy(Task::title) }
		assertThatExceptionOfType(InvalidSortException::class.java).isThrownBy { byTitle.all() }
			.withMessageContaining("'title' is not what its sort key holds")
	}

	@Test
	fun isInReadsOnePartitionPerValueMergedInTheOrderOfTheSortKey() {
		val tasks = this.template.query<Task> {
			index("gsi3")
			Task::assignee isIn listOf("ann", "bob")
			Task::due le june.plusDays(1)
		}.all()

		assertThat(tasks.map { it.id }).containsExactly("t00", "t01", "t20")
	}

	@Test
	fun anIndexSortedByTheTablesPkTakesConditionsOnTheId() {
		val open = this.template.query<Task> {
			index("gsi1")
			Task::status eq Status.OPEN
			Task::id gt "t04"
		}.all()

		assertThat(open.map { it.id }).containsExactly("t06", "t08", "t20", "t21")
	}

	@Test
	fun aSortTemplateOfSeveralPropertiesIsReadByEqualityOnItsLeadingOnesThenOneComparison() {
		for (slot in 1..3) {
			this.template.create(Shift("a$slot", "red", june, slot, "w$slot"))
			this.template.create(Shift("b$slot", "red", june.plusDays(1), slot, "w$slot"))
		}
		this.template.create(Shift("c1", "blue", june, 1, "w9"))

		assertThat(this.template.query<Shift> {
			index("gsi3")
			Shift::team eq "red"
			Shift::day eq june
			Shift::slot between (2 to 3)
		}.all().map { it.id }).containsExactly("a2", "a3")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Shift> {
				index("gsi3")
				Shift::team eq "red"
				Shift::day eq june
				Shift::slot ge 2
			}
		}.withMessageContaining("Shift::slot follows 'day'").withMessageContaining("not 'ge'")
		assertThat(this.template.query<Shift> {
			index("gsi3")
			Shift::team eq "red"
			Shift::day eq june.plusDays(1)
		}.all().map { it.id }).containsExactly("b1", "b2", "b3")
		assertThat(this.template.query<Shift> {
			index("gsi3")
			Shift::team eq "red"
			Shift::day eq june
			Shift::slot eq 3
		}.all().map { it.id }).containsExactly("a3")
		// a literal partition needs no condition; the index is sorted by the ids
		assertThat(this.template.query<Shift> { index("gsi2") }.all().map { it.id })
			.containsExactly("a1", "a2", "a3", "b1", "b2", "b3", "c1")
		assertThat(this.template.query<Shift> { index("gsi2"); Shift::id ge "b3" }.all().map { it.id })
			.containsExactly("b3", "c1")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Shift> {
				index("gsi3")
				Shift::team eq "red"
				Shift::slot gt 1
			}
		}.withMessageContaining("Shift::slot follows 'day' in the sort key '{day}#{slot}' of index 'gsi3'")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Shift> {
				index("gsi3")
				Shift::team eq "red"
				Shift::day gt june
				Shift::slot eq 1
			}
		}.withMessageContaining("Shift::day is followed by 'slot'")
	}

	@Test
	fun filtersOnPropertyReferencesAreEvaluatedByDynamoDbAndPredicatesAfterReading() {
		val tasks = this.template.query<Task> {
			filter {
				Task::priority ge 3
				anyOf {
					Task::status eq Status.DONE
					Task::assignee eq "bob"
				}
				not { Task::priority between (6 to 7) }
			}
			where { it.title.startsWith("ann") }
		}.all()

		assertThat(tasks.map { it.id }).containsExactlyInAnyOrder("t03", "t05", "t09")
		val request = dynamo.requests().sent(QueryRequest::class.java).single()
		assertThat(request.indexName()).isEqualTo("gsitype")
		assertThat(request.filterExpression()).contains("OR").contains("NOT").contains("BETWEEN")
		assertThat(request.expressionAttributeNames().values).contains("priority", "status", "assignee")

		assertThat(this.template.query<Task> {
			index("gsi1")
			Task::status eq Status.OPEN
			filter {
				Task::assignee.isNull()
			}
		}.all().map { it.id }).containsExactly("t21")
		assertThat(this.template.query<Task> {
			index("gsi3")
			Task::assignee eq "ann"
			filterAfterRead { Task::priority isIn listOf(1, 2) }
		}.all().map { it.title }).containsExactly("ann's 1", "ann's 2")
		// a projection: what is not selected is left empty
		assertThat(this.template.query<Task> {
			index("gsi3")
			Task::assignee eq "ann"
			Task::due eq june
			select(Task::title, Task::status, Task::priority)
		}.all()).singleElement().satisfies({
			assertThat(it.title).isEqualTo("ann's 0")
			assertThat(it.assignee).isNull()
			assertThat(it.due).isNull()
		})
	}

	@Test
	fun aKeyConditionOnAPropertyNoKeyOfTheIndexHoldsIsRefusedBeforeAnythingIsRead() {
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> {
				index("gsi3")
				Task::assignee eq "ann"
				Task::status eq Status.OPEN
			}
		}.withMessageContaining("Task::status is not a key of index 'gsi3' of Task (partition 'assignee#{assignee}', " +
			"sort '{due}')")
			.withMessageContaining("filter { } on it instead")
			.withMessageContaining("gsi1: partition 'status#{status}'")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> { Task::title eq "ann's 1" }
		}.withMessageContaining("Task::title is not a key of index 'gsitype'")
			.withMessageContaining("none does now: declare one with @IndexKey")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> {
				index("gsi3")
				Task::due gt june
			}
		}.withMessageContaining("needs Task::assignee eq <value>")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> {
				index("gsi3")
				Task::assignee gt "a"
			}
		}.withMessageContaining("which a query reads by equality, not by 'gt'")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> {
				index("gsi2")
				Task::assignee eq "ann"
			}
		}.withMessageContaining("Task writes no keys of index 'gsi2'")
			.withMessageContaining("gsi3 (partition 'assignee#{assignee}', sort '{due}')")
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> {
				index("gsi3")
				Task::assignee eq null
			}
		}.withMessageContaining("Task::assignee eq must not be null")
		assertThat(dynamo.requests().total()).isZero()
	}

	@Test
	fun aPropertyTheTypeDoesNotStoreIsRefusedAsTheJavaQueryRefusesIt() {
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> {
				index("gsi3")
				Task::scratch eq "x"
			}
		}.withMessageContaining("Task has no property 'scratch' to query by")
		// a filter is the Java query's: refused where Java refuses it, when the query is read, with its exception
		val kotlin = this.template.query<Task> { filter { Task::scratch eq "x" } }
		val java = this.template.query(Task::class.java).filter(Filter.property("scratch").eq("x"))
		val kotlinFailure = catchThrowable { kotlin.all() }
		val javaFailure = catchThrowable { java.all() }
		assertThat(kotlinFailure).isInstanceOf(IllegalArgumentException::class.java)
			.hasMessageContaining("Task has no property 'scratch' to filter on")
		assertThat(kotlinFailure).isExactlyInstanceOf(javaFailure.javaClass).hasMessage(javaFailure.message)
	}

	@Test
	fun filterOfBuildsAFilterForTheJavaBuilder() {
		val filter = filterOf<Task> {
			Task::priority gt 7
			Task::title contains "ann"
		}

		assertThat(this.template.query(Task::class.java).filter(filter).all().map { it.id })
			.containsExactlyInAnyOrder("t08", "t09")
		assertThat(this.template.query(Task::class.java).filter(filter).firstOrNull()).isNotNull()
		assertThat(this.template.query<Task> { filter(filter) }.firstOrNull()).isNotNull()
		assertThatIllegalArgumentException().isThrownBy { filterOf<Task> { } }
			.withMessageContaining("filterOf { } names no condition")
	}

}
