package io.hardening.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application with nothing but the starter's auto-configuration: storage, reasoning
 * and the init endpoint.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class BadRequestsTestApplication {

}
