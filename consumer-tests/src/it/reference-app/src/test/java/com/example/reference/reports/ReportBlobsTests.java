package com.example.reference.reports;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
class ReportBlobsTests {

	@Autowired
	SingleTableTemplate template;

	@Test
	void storesLargeFieldsInS3AndLoadsThemWhenAsked() {
		byte[] pdf = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);
		String id = template.create(new Report(null, null, "Q1", Map.of("revenue", 120), pdf)).id();

		Report report = template.getById(Report.class, id);                 // body == null
		Map<String, Object> body = template.loadBlob(report, "body");       // one GetItem of the references, one S3 read
		Report full = template.loadBlobs(report);                           // every blob property (a new record)
		Report second = template.update(report, Changes.clearing("body"));  // version 2: attachment kept, body gone

		assertThat(report.body()).isNull();
		assertThat(body).containsEntry("revenue", 120);
		assertThat(full.attachment()).isEqualTo(pdf);
		assertThat(template.loadBlobs(second).body()).isNull();
		assertThat(template.loadBlobs(second).attachment()).isEqualTo(pdf);
	}

}
