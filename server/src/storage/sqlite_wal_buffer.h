// A SQLite VFS that writes the WAL of a commit in one piece.
//
// SQLite appends a commit to the WAL one frame at a time, with two write calls per page
// (the 24-byte frame header, then the page), and syncs once at the end. An answer changes
// about ten pages, so a group commit of 15 answers made ~300 write calls (now 3) on the writer
// thread, the one serial part of the write path. This VFS wraps the system's default:
// every file it opens is the default one, except the WAL, whose contiguous writes it
// gathers in memory and hands to the file in writes of 64 KiB before any sync, read,
// truncation, size query or close, and whenever 64 KiB are waiting.
//
// Safe only on connections that sync the WAL at every commit (synchronous=FULL): other
// connections learn of a commit from the WAL index, which SQLite updates after that sync,
// so they never look for frames still in the buffer. Without the sync (NORMAL), a commit
// would become visible while its frames were still in memory. Database::Open uses it for
// Durability::kFull only.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_WAL_BUFFER_H_
#define LEADQ_SERVER_STORAGE_SQLITE_WAL_BUFFER_H_

namespace leadq {

// Registers the VFS on first use (not as the default) and returns its name for
// sqlite3_open_v2; nullptr (SQLite's default VFS) if there is no default to wrap.
const char* WalBufferVfs();

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_WAL_BUFFER_H_
