package io.hardening.testsupport;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives every test application its own Reactor Netty resources. By default Boot's
 * {@link ReactorResourceFactory} uses Reactor Netty's global event loops and connection
 * pools, and disposes them when its context is paused or closed: every other cached
 * context of the suite shares them, and its next request is then written to a dead loop
 * and never answered. Registered for every test application in
 * {@code META-INF/spring.factories}.
 */
public class IsolatedReactorResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof ReactorResourceFactory factory) {
					factory.setUseGlobalResources(false);
				}
				return bean;
			}

		});
	}

}
