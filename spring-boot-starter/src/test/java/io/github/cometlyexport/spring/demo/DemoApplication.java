package io.github.cometlyexport.spring.demo;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A host as a user writes one: nothing but the starter's properties (and, in the tests, a clock). Its own package,
 * so that scanning it finds nothing of the starter's tests.
 */
@SpringBootApplication
public class DemoApplication {
}
