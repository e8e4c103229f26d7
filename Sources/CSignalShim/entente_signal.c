// The only code that runs inside Entente's signal handler: fixed static buffers, C11 atomics
// (lock-free, so async-signal-safe), and memset, unlink, sigemptyset, sigaction and raise,
// which POSIX lists as async-signal-safe. Nothing is allocated, locked or freed in the handler.
#define _GNU_SOURCE
#include "entente_signal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the handler needs lock-free atomic ints");

/// A slot's state. A slot moves FREE -> WRITING -> SET -> FREE in the program, and SET ->
/// REMOVING in the handler; a REMOVING slot is never used again (the process is ending), so its
/// path is never overwritten while a handler on another thread reads it.
enum { SLOT_FREE = 0, SLOT_WRITING = 1, SLOT_SET = 2, SLOT_REMOVING = 3 };

static char slot_paths[ENT_CLEANUP_SLOTS][ENT_CLEANUP_PATH_CAPACITY];
static atomic_int slot_states[ENT_CLEANUP_SLOTS];

static const int handled_signals[] = {SIGINT, SIGTERM, SIGHUP};
enum { HANDLED_SIGNAL_COUNT = sizeof handled_signals / sizeof handled_signals[0] };

static void remove_temporaries_and_reraise(int signal_number) {
  int saved_errno = errno;
  for (int slot = 0; slot < ENT_CLEANUP_SLOTS; slot++) {
    int expected = SLOT_SET;
    // Sequentially consistent: the path written before the slot became SET is seen whole.
    if (atomic_compare_exchange_strong(&slot_states[slot], &expected, SLOT_REMOVING)) {
      unlink(slot_paths[slot]);
    }
  }
  struct sigaction default_action;
  memset(&default_action, 0, sizeof default_action);
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(signal_number, &default_action, NULL);
  // The signal is blocked while its handler runs: it stays pending and, delivered with the
  // default disposition when the handler returns, ends the process killed by it.
  raise(signal_number);
  errno = saved_errno;
}

int32_t ent_cleanup_install(void) {
  sigset_t all_handled;
  sigemptyset(&all_handled);
  for (int index = 0; index < HANDLED_SIGNAL_COUNT; index++) {
    sigaddset(&all_handled, handled_signals[index]);
  }
  sigset_t installed_set;
  sigemptyset(&installed_set);
  int32_t installed = 0;
  for (int index = 0; index < HANDLED_SIGNAL_COUNT; index++) {
    int signal_number = handled_signals[index];
    struct sigaction current;
    if (sigaction(signal_number, NULL, &current) != 0) continue;
    // An ignored signal stays ignored (nohup, a shell's background job): never override it.
    if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN) continue;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = remove_temporaries_and_reraise;
    action.sa_mask = all_handled;
    action.sa_flags = SA_RESTART;
    if (sigaction(signal_number, &action, NULL) != 0) continue;
    sigaddset(&installed_set, signal_number);
    installed |= (int32_t)1 << signal_number;
  }
  pthread_sigmask(SIG_UNBLOCK, &installed_set, NULL);
  return installed;
}

int32_t ent_cleanup_register(const char *path) {
  size_t length = strlen(path);
  if (length >= ENT_CLEANUP_PATH_CAPACITY) return -1;
  for (int32_t slot = 0; slot < ENT_CLEANUP_SLOTS; slot++) {
    int expected = SLOT_FREE;
    if (atomic_compare_exchange_strong(&slot_states[slot], &expected, SLOT_WRITING)) {
      memcpy(slot_paths[slot], path, length + 1);
      atomic_store(&slot_states[slot], SLOT_SET);
      return slot;
    }
  }
  return -1;
}

void ent_cleanup_unregister(int32_t slot) {
  if (slot < 0 || slot >= ENT_CLEANUP_SLOTS) return;
  int expected = SLOT_SET;
  // Fails only when a handler is removing the file (REMOVING): the slot then stays taken.
  atomic_compare_exchange_strong(&slot_states[slot], &expected, SLOT_FREE);
}
