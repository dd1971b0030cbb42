package dev.singletable.events.internal.kcl;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.singletable.events.internal.ChangeDispatcher;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * The KCL's processor of one shard: hands each batch to the dispatcher and checkpoints after it, so that a worker
 * taking the shard over (after a failover, or this one after a restart) starts after the last change delivered; at
 * the end of a shard, or when the worker shuts down, checkpoints what was delivered. A batch cut short by the
 * worker's shutdown is not checkpointed: its changes are delivered again (at least once).
 */
final class ShardProcessor implements DynamoDBStreamsShardRecordProcessor {

	private static final Log logger = LogFactory.getLog(ShardProcessor.class);

	private final ChangeDispatcher dispatcher;

	private String shard = "?";

	ShardProcessor(ChangeDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public void initialize(InitializationInput input) {
		this.shard = input.shardId();
		if (logger.isDebugEnabled()) {
			logger.debug("Delivering the changes of shard " + this.shard + " from " + input.extendedSequenceNumber());
		}
	}

	@Override
	public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
		List<Record> records = new ArrayList<>(input.records().size());
		for (DynamoDBStreamsClientRecord record : input.records()) {
			records.add(record.getRecord());
		}
		try {
			this.dispatcher.deliver(this.shard, records);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		if (!records.isEmpty()) {
			checkpoint(input.checkpointer());
		}
	}

	@Override
	public void leaseLost(LeaseLostInput input) {
		// a change in who delivers what: at INFO, while the KCL's own lease work is at WARN by default
		logger.info("Shard " + this.shard + " was taken over by another worker, which delivers its changes from the "
				+ "last checkpoint");
	}

	@Override
	public void shardEnded(ShardEndedInput input) {
		checkpoint(input.checkpointer());
	}

	@Override
	public void shutdownRequested(ShutdownRequestedInput input) {
		checkpoint(input.checkpointer());
	}

	private void checkpoint(RecordProcessorCheckpointer checkpointer) {
		try {
			checkpointer.checkpoint();
		}
		catch (ShutdownException ex) {
			// the lease was lost meanwhile: its new owner starts from the last checkpoint, delivering again
			logger.debug("Shard " + this.shard + " was lost before its checkpoint", ex);
		}
		catch (InvalidStateException | ThrottlingException | KinesisClientLibDependencyException ex) {
			logger.warn("The checkpoint of shard " + this.shard + " failed; its changes since the last one will be "
					+ "delivered again", ex);
		}
	}

}
