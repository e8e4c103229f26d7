// entente_signal.h: removing temporary output files when SIGINT, SIGTERM or SIGHUP ends the
// process, with a signal handler that only makes async-signal-safe calls.
#ifndef ENTENTE_SIGNAL_H
#define ENTENTE_SIGNAL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How many temporary files can be registered at once.
#define ENT_CLEANUP_SLOTS 8

/// The longest path a slot holds, in bytes, with its terminating NUL (PATH_MAX on Linux).
#define ENT_CLEANUP_PATH_CAPACITY 4096

/// Installs, with sigaction, the handler for SIGINT, SIGTERM and SIGHUP, except for a signal
/// whose disposition is SIG_IGN (inherited from the parent, as under nohup): it stays ignored.
/// The handler unlinks every registered path, restores the default disposition and raises the
/// signal again, so the process ends killed by it. The signals handled are unblocked in the
/// calling thread. Returns the signals handled as a bit mask (bit 1 << signal number).
int32_t ent_cleanup_install(void);

/// Copies path into a free slot (in fixed static storage, so the handler never reads freed
/// memory) and publishes it to the handler. Returns the slot, or -1 when the path is
/// ENT_CLEANUP_PATH_CAPACITY bytes or longer or every slot is taken. Register a path before
/// the file exists: the handler may then unlink a name that does not exist yet, never miss it.
int32_t ent_cleanup_register(const char *path);

/// Withdraws a slot's path from the handler (a negative slot is ignored). Call it once the
/// file has been renamed or removed.
void ent_cleanup_unregister(int32_t slot);

#ifdef __cplusplus
}
#endif

#endif
