package com.example.reference.billing;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.ItemCollection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The item collection of repositories.md: a customer, its orders and its invoices read together.
 */
@SpringBootTest
class AccountTests {

	@Autowired
	SingleTableTemplate template;

	@Autowired
	CustomerAccountRepository accounts;

	@Autowired
	Statements statements;

	@Test
	void anAccountIsReadAsOneCollectionGroupedByType() {
		this.template.save(new Customer("acc-1", "Ann"));
		this.template.create(new Order("ord-1", null, "acc-1", "lamp"));
		this.template.save(new Invoice("inv-1", "acc-1", 1250, false));
		this.template.save(new Invoice("inv-2", "acc-1", 400, true));
		this.template.save(new Invoice("inv-3", "acc-2", 999, false));

		ItemCollection account = this.accounts.findAccount("customer#acc-1", null, Limit.of(50));

		assertThat(account.first(Customer.class)).contains(new Customer("acc-1", "Ann"));
		assertThat(account.get(Order.class)).extracting(Order::item).containsExactly("lamp");
		assertThat(account.get(Invoice.class)).extracting(Invoice::id).containsExactly("inv-1", "inv-2");
		assertThat(account.hasNext()).isFalse();
		assertThat(this.statements.unpaidCents("acc-1")).isEqualTo(1250);
	}

}
