/**
 * Facts about the machine the library runs on that it checks before large work (the process's resident
 * memory and the memory still available), PyTorch's per-thread grad mode, and the loading of the
 * TorchScript modules through which the core calls PyTorch operations that DJL does not expose.
 */
package org.vae4j.host;
