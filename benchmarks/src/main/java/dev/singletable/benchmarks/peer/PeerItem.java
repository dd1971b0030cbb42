package dev.singletable.benchmarks.peer;

import java.time.Instant;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The keys and system attributes every Enhanced Client bean of the benchmark carries, named as singletable
 * stores them: {@code pk}/{@code sk}, the type index keys, {@code resource_id}, {@code created_at} and
 * {@code updated_at}. The Enhanced Client maps inherited bean properties with their annotations.
 */
public abstract class PeerItem {

	private String pk;

	private String sk;

	private String gsitype;

	private String gsitypesk;

	private String resourceId;

	private Instant createdAt;

	private Instant updatedAt;

	/**
	 * Returns the partition key, {@code <Type>#<id>}.
	 * @return the value
	 */
	@DynamoDbPartitionKey
	public String getPk() {
		return this.pk;
	}

	/**
	 * Sets the partition key, {@code <Type>#<id>}.
	 * @param pk the value
	 */
	public void setPk(String pk) {
		this.pk = pk;
	}

	/**
	 * Returns the sort key, equal to the partition key.
	 * @return the value
	 */
	@DynamoDbSortKey
	public String getSk() {
		return this.sk;
	}

	/**
	 * Sets the sort key, equal to the partition key.
	 * @param sk the value
	 */
	public void setSk(String sk) {
		this.sk = sk;
	}

	/**
	 * Returns the type index partition, the simple name of the bean's class.
	 * @return the value
	 */
	@DynamoDbSecondaryPartitionKey(indexNames = "gsitype")
	public String getGsitype() {
		return this.gsitype;
	}

	/**
	 * Sets the type index partition, the simple name of the bean's class.
	 * @param gsitype the value
	 */
	public void setGsitype(String gsitype) {
		this.gsitype = gsitype;
	}

	/**
	 * Returns the type index sort key, the last modification time.
	 * @return the value
	 */
	@DynamoDbSecondarySortKey(indexNames = "gsitype")
	public String getGsitypesk() {
		return this.gsitypesk;
	}

	/**
	 * Sets the type index sort key, the last modification time.
	 * @param gsitypesk the value
	 */
	public void setGsitypesk(String gsitypesk) {
		this.gsitypesk = gsitypesk;
	}

	/**
	 * Returns the id.
	 * @return the value
	 */
	@DynamoDbAttribute("resource_id")
	public String getResourceId() {
		return this.resourceId;
	}

	/**
	 * Sets the id.
	 * @param resourceId the value
	 */
	public void setResourceId(String resourceId) {
		this.resourceId = resourceId;
	}

	/**
	 * Returns the creation time.
	 * @return the value
	 */
	@DynamoDbAttribute("created_at")
	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * Sets the creation time.
	 * @param createdAt the value
	 */
	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	/**
	 * Returns the last modification time.
	 * @return the value
	 */
	@DynamoDbAttribute("updated_at")
	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/**
	 * Sets the last modification time.
	 * @param updatedAt the value
	 */
	public void setUpdatedAt(Instant updatedAt) {
		this.updatedAt = updatedAt;
	}

}
