package dev.singletable.test.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ContextConfiguration;

import dev.singletable.test.autoconfigure.spread.Shipment;
import dev.singletable.test.autoconfigure.spread.ShipmentRepository;
import dev.singletable.test.autoconfigure.spread.SpreadApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with a type whose type index is spread over shards says at start-up, once, what the Python library's
 * listing of the type no longer sees, and its repository lists every resource written across the shards.
 */
@ExtendWith(OutputCaptureExtension.class)
@DataSingleTableTest(properties = "singletable.table-name=spread-type-index-slice")
@ContextConfiguration(classes = SpreadApplication.class)
class SpreadTypeIndexSliceTests {

	@Autowired
	ShipmentRepository shipments;

	@Test
	void theStartSaysWhatPythonsListingNoLongerSeesAndTheRepositoryListsEveryShard(CapturedOutput output) {
		List<String> saved = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			saved.add(this.shipments.save(new Shipment(null, "carrier-" + i)).id());
		}

		assertThat(this.shipments.findAll()).extracting(Shipment::id).containsExactlyElementsOf(saved);
		assertThat(this.shipments.count()).isEqualTo(12);
		String line = Shipment.class.getName() + " spreads its type index over 3 shards (gsitype = Shipment#0.."
				+ "Shipment#2): the Python library's list_type_by_updated_at(Shipment) reads gsitype = Shipment only, "
				+ "so it no longer sees the items this application writes";
		assertThat(output.getAll()).contains(line);
		assertThat(output.getAll().split(java.util.regex.Pattern.quote(line), -1)).as("said once").hasSize(2);
	}

}
