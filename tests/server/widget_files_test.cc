// The widget's static files: each request gets the smallest form its Accept-Encoding
// allows among the precompressed copies, with the headers a cache needs; missing files
// and paths that try to leave the folder are not found.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "http/widget_files.h"

namespace leadq {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// A widget folder with precompressed copies, a wasm folder without, and a server for them.
class WidgetFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("leadq-widget-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    Write(dir_ / "widget/app.js", "plain js");
    Write(dir_ / "widget/app.js.gz", "gzip bytes");
    Write(dir_ / "widget/app.js.br", "brotli bytes");
    Write(dir_ / "widget/only-gzip.css", "plain css");
    Write(dir_ / "widget/only-gzip.css.gz", "gzip css");
    Write(dir_ / "widget/core/leadq-core.wasm", "shipped wasm");
    Write(dir_ / "widget/core/leadq-core.wasm.br", "shipped wasm, brotli");
    Write(dir_ / "wasm/leadq-core.mjs", "glue from the wasm build");
    Write(dir_ / "secret.txt", "outside the folder");
    RegisterWidgetFiles(server_, (dir_ / "widget").string(), (dir_ / "wasm").string());
    port_ = server_.bind_to_any_port("127.0.0.1");
    listener_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void TearDown() override {
    server_.stop();
    listener_.join();
    fs::remove_all(dir_);
  }

  // GET `path` with `accept_encoding` ("" for none); the body as sent, undecoded.
  httplib::Result Get(const std::string& path, const std::string& accept_encoding) {
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_decompress(false);
    httplib::Headers headers;
    if (!accept_encoding.empty()) headers.emplace("Accept-Encoding", accept_encoding);
    return client_->Get(path, headers);
  }

  fs::path dir_;
  httplib::Server server_;
  std::thread listener_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
};

struct Case {
  const char* name;
  const char* path;
  const char* accept_encoding;
  const char* content_type;
  const char* content_encoding;  // "" for none
  const char* body;
};

const Case kCases[] = {
    {"brotli_preferred", "/widget/app.js", "gzip, deflate, br", "text/javascript", "br",
     "brotli bytes"},
    {"gzip_when_only_gzip", "/widget/app.js", "gzip", "text/javascript", "gzip", "gzip bytes"},
    {"brotli_refused_by_q0", "/widget/app.js", "br;q=0, gzip;q=0.5", "text/javascript", "gzip",
     "gzip bytes"},
    {"wildcard", "/widget/app.js", "*", "text/javascript", "br", "brotli bytes"},
    {"identity_when_none_accepted", "/widget/app.js", "", "text/javascript", "", "plain js"},
    {"identity_when_unknown_coding", "/widget/app.js", "zstd", "text/javascript", "", "plain js"},
    {"gzip_copy_only", "/widget/only-gzip.css", "br, gzip", "text/css", "gzip", "gzip css"},
    {"wasm_precompressed", "/widget/core/leadq-core.wasm", "br", "application/wasm", "br",
     "shipped wasm, brotli"},
    // (Without copies, cpp-httplib may compress text on the fly: asked for no coding.)
    {"core_falls_back_to_the_wasm_build", "/widget/core/leadq-core.mjs", "", "text/javascript", "",
     "glue from the wasm build"},
};

class WidgetFilesCaseTest : public WidgetFilesTest, public ::testing::WithParamInterface<Case> {};

TEST_P(WidgetFilesCaseTest, SendsTheBestForm) {
  const Case& c = GetParam();
  httplib::Result res = Get(c.path, c.accept_encoding);
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), c.content_type);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), c.content_encoding);
  EXPECT_EQ(res->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_EQ(res->body, c.body);
}

INSTANTIATE_TEST_SUITE_P(Negotiation, WidgetFilesCaseTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(WidgetFilesTest, MissingFilesAndEscapesAreNotFound) {
  for (const char* path :
       {"/widget/missing.js", "/widget/../secret.txt", "/widget/core/../../secret.txt",
        "/widget/%2e%2e/secret.txt", "/widget//app.js", "/widget/", "/widget/core/missing.wasm",
        "/widget/core", "/widget/core/../../wasm/leadq-core.mjs"}) {
    httplib::Result res = Get(path, "br");
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("outside"), std::string::npos) << path;
  }
}

// Without a widget folder (only --wasm-dir given), nothing outside core/ is served: in
// particular no path is read from the file system's root.
TEST(WidgetFilesWithoutFolderTest, ServesNothingElse) {
  httplib::Server server;
  RegisterWidgetFiles(server, "", fs::temp_directory_path().string());
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&server] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  httplib::Client client("127.0.0.1", port);
  for (const char* path : {"/widget/etc/passwd", "/widget/etc/hostname"}) {
    httplib::Result res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
  }
  server.stop();
  listener.join();
}

TEST_F(WidgetFilesTest, HeadHasTheHeadersWithoutTheBody) {
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  httplib::Result res = client_->Head("/widget/app.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(res->get_header_value("Content-Length"), "10");
  EXPECT_TRUE(res->body.empty());
}

struct EncodingCase {
  const char* header;
  bool brotli, gzip;
  const char* expected;
};

TEST(ChooseEncodingTest, Table) {
  const EncodingCase cases[] = {
      {"br", true, true, "br"},
      {"gzip, br", true, true, "br"},
      {"gzip", true, true, "gzip"},
      {"br", false, true, ""},
      {"br;q=0", true, true, ""},
      {"BR", true, true, "br"},  // codings ignore case
      {"gzip;q=0.001", false, true, "gzip"},
      {"*;q=0, gzip", true, true, "gzip"},
      {"", true, true, ""},
      {" br ; q=1 ", true, false, "br"},
  };
  for (const EncodingCase& c : cases) {
    EXPECT_EQ(ChooseEncoding(c.header, c.brotli, c.gzip), c.expected) << c.header;
  }
}

}  // namespace
}  // namespace leadq
