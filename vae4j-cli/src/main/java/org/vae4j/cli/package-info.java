/**
 * The vae4j command-line tool: one small picocli class per command, each parsing its options and
 * calling the library; one handler turns expected errors into one line on stderr and exit code 2.
 */
package org.vae4j.cli;
