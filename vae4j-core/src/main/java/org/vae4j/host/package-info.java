/**
 * Facts about the machine the library runs on that it checks before large work: the process's resident
 * memory and the memory still available.
 */
package org.vae4j.host;
