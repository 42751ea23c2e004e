package io.hardening.reasoning;

import org.springframework.util.Assert;

/**
 * The two models the starter asks in parallel: a fast one and a thorough one. Declare a
 * bean of this type to replace the built-in models.
 *
 * @param flash the fast model
 * @param pro the thorough model
 */
public record ReasoningModels(ReasoningModel flash, ReasoningModel pro) {

	public ReasoningModels {
		Assert.notNull(flash, "'flash' must not be null");
		Assert.notNull(pro, "'pro' must not be null");
	}

}
