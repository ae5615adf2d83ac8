#ifndef CKIEM_PREFETCH_H
#define CKIEM_PREFETCH_H

/// Asks the processor to start loading the cache line at `address` for reading. It does not
/// wait for the data and never faults, so scattered loads issued a little ahead of their use
/// overlap instead of stalling one after another. Swift has no spelling of its own for it.
static inline __attribute__((always_inline)) void kiem_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
