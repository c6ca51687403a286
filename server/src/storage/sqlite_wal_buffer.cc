// The WAL-buffering VFS: a thin layer over the default VFS.
#include "storage/sqlite_wal_buffer.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <vector>

namespace leadq {
namespace {

// The default VFS writes at most 128 KiB per call (larger amounts are cut short and then
// reported as a full disk): pending bytes go out in pieces of 64 KiB.
constexpr size_t kMaxWrite = 64 * 1024;

// The default VFS this one wraps; set once, before registration.
sqlite3_vfs* base_vfs = nullptr;

// The state SQLite's sqlite3_file slot holds for a WAL file. SQLite allocates the slot
// (szOsFile bytes); the wrapped file of the default VFS lives right after this struct.
struct WalFile {
  sqlite3_file file;  // first: SQLite sees a WalFile as an sqlite3_file
  sqlite3_file* real;
  std::vector<char> pending;  // contiguous bytes not yet written, from pending_offset
  sqlite3_int64 pending_offset = 0;
};

constexpr size_t kWalFileSlot = (sizeof(WalFile) + 15) & ~size_t{15};

WalFile* AsWal(sqlite3_file* file) { return reinterpret_cast<WalFile*>(file); }

int Flush(WalFile* wal) {
  if (wal->pending.empty()) return SQLITE_OK;
  const int rc = wal->real->pMethods->xWrite(
      wal->real, wal->pending.data(), static_cast<int>(wal->pending.size()), wal->pending_offset);
  wal->pending.clear();
  return rc;
}

int Close(sqlite3_file* file) {
  WalFile* wal = AsWal(file);
  const int flushed = Flush(wal);
  const int closed = wal->real->pMethods->xClose(wal->real);
  wal->~WalFile();
  return flushed != SQLITE_OK ? flushed : closed;
}

int Read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  WalFile* wal = AsWal(file);
  const int rc = Flush(wal);
  if (rc != SQLITE_OK) return rc;
  return wal->real->pMethods->xRead(wal->real, out, amount, offset);
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  WalFile* wal = AsWal(file);
  const auto end = wal->pending_offset + static_cast<sqlite3_int64>(wal->pending.size());
  if (!wal->pending.empty() && offset != end) {
    const int rc = Flush(wal);
    if (rc != SQLITE_OK) return rc;
  }
  if (wal->pending.empty()) wal->pending_offset = offset;
  try {
    const char* bytes = static_cast<const char*>(data);
    wal->pending.insert(wal->pending.end(), bytes, bytes + amount);
  } catch (const std::bad_alloc&) {
    return SQLITE_IOERR_NOMEM;
  }
  return wal->pending.size() >= kMaxWrite ? Flush(wal) : SQLITE_OK;
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  WalFile* wal = AsWal(file);
  const int rc = Flush(wal);
  if (rc != SQLITE_OK) return rc;
  return wal->real->pMethods->xTruncate(wal->real, size);
}

int Sync(sqlite3_file* file, int flags) {
  WalFile* wal = AsWal(file);
  const int rc = Flush(wal);
  if (rc != SQLITE_OK) return rc;
  return wal->real->pMethods->xSync(wal->real, flags);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  WalFile* wal = AsWal(file);
  const int rc = Flush(wal);
  if (rc != SQLITE_OK) return rc;
  return wal->real->pMethods->xFileSize(wal->real, size);
}

int Lock(sqlite3_file* file, int level) {
  sqlite3_file* real = AsWal(file)->real;
  return real->pMethods->xLock(real, level);
}

int Unlock(sqlite3_file* file, int level) {
  sqlite3_file* real = AsWal(file)->real;
  return real->pMethods->xUnlock(real, level);
}

int CheckReservedLock(sqlite3_file* file, int* out) {
  sqlite3_file* real = AsWal(file)->real;
  return real->pMethods->xCheckReservedLock(real, out);
}

int FileControl(sqlite3_file* file, int op, void* arg) {
  WalFile* wal = AsWal(file);
  const int rc = Flush(wal);
  if (rc != SQLITE_OK) return rc;
  return wal->real->pMethods->xFileControl(wal->real, op, arg);
}

int SectorSize(sqlite3_file* file) {
  sqlite3_file* real = AsWal(file)->real;
  return real->pMethods->xSectorSize(real);
}

int DeviceCharacteristics(sqlite3_file* file) {
  sqlite3_file* real = AsWal(file)->real;
  return real->pMethods->xDeviceCharacteristics(real);
}

// Version 1: the WAL file is never memory-mapped and has no shared memory of its own
// (the WAL index belongs to the database file, which is not wrapped).
const sqlite3_io_methods kWalMethods = {1,
                                        Close,
                                        Read,
                                        Write,
                                        Truncate,
                                        Sync,
                                        FileSize,
                                        Lock,
                                        Unlock,
                                        CheckReservedLock,
                                        FileControl,
                                        SectorSize,
                                        DeviceCharacteristics,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    return base_vfs->xOpen(base_vfs, name, file, flags, out_flags);
  }
  auto* wal = new (file) WalFile();
  wal->file.pMethods = nullptr;
  wal->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kWalFileSlot);
  const int rc = base_vfs->xOpen(base_vfs, name, wal->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    // SQLite closes a file after a failed open only when pMethods is set.
    if (wal->real->pMethods != nullptr) wal->real->pMethods->xClose(wal->real);
    wal->~WalFile();
    file->pMethods = nullptr;
    return rc;
  }
  wal->file.pMethods = &kWalMethods;
  return SQLITE_OK;
}

// Everything but opening goes straight to the default VFS.
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return base_vfs->xDelete(base_vfs, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return base_vfs->xAccess(base_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return base_vfs->xFullPathname(base_vfs, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return base_vfs->xDlOpen(base_vfs, name); }
void DlError(sqlite3_vfs*, int size, char* out) { base_vfs->xDlError(base_vfs, size, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return base_vfs->xDlSym(base_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { base_vfs->xDlClose(base_vfs, handle); }
int Randomness(sqlite3_vfs*, int size, char* out) {
  return base_vfs->xRandomness(base_vfs, size, out);
}
int Sleep(sqlite3_vfs*, int microseconds) { return base_vfs->xSleep(base_vfs, microseconds); }
int CurrentTime(sqlite3_vfs*, double* out) { return base_vfs->xCurrentTime(base_vfs, out); }
int GetLastError(sqlite3_vfs*, int size, char* out) {
  return base_vfs->xGetLastError(base_vfs, size, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return base_vfs->xCurrentTimeInt64(base_vfs, out);
}

sqlite3_vfs wal_buffer_vfs;

}  // namespace

const char* WalBufferVfs() {
  static std::once_flag once;
  static bool registered = false;
  std::call_once(once, [] {
    base_vfs = sqlite3_vfs_find(nullptr);
    if (base_vfs == nullptr || base_vfs->iVersion < 2) return;
    wal_buffer_vfs = sqlite3_vfs{};
    wal_buffer_vfs.iVersion = 2;
    wal_buffer_vfs.szOsFile = static_cast<int>(kWalFileSlot) + base_vfs->szOsFile;
    wal_buffer_vfs.mxPathname = base_vfs->mxPathname;
    wal_buffer_vfs.zName = "leadq-wal-buffer";
    wal_buffer_vfs.xOpen = Open;
    wal_buffer_vfs.xDelete = Delete;
    wal_buffer_vfs.xAccess = Access;
    wal_buffer_vfs.xFullPathname = FullPathname;
    wal_buffer_vfs.xDlOpen = DlOpen;
    wal_buffer_vfs.xDlError = DlError;
    wal_buffer_vfs.xDlSym = DlSym;
    wal_buffer_vfs.xDlClose = DlClose;
    wal_buffer_vfs.xRandomness = Randomness;
    wal_buffer_vfs.xSleep = Sleep;
    wal_buffer_vfs.xCurrentTime = CurrentTime;
    wal_buffer_vfs.xGetLastError = GetLastError;
    wal_buffer_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    registered = sqlite3_vfs_register(&wal_buffer_vfs, 0) == SQLITE_OK;
  });
  return registered ? wal_buffer_vfs.zName : nullptr;
}

}  // namespace leadq
