#include "desk/desk_server.h"

#include <httplib.h>
#include <simdjson.h>

#include <filesystem>
#include <random>
#include <set>

#include "util/file.h"
#include "util/json_writer.h"
#include "util/strings.h"

namespace parallax {
namespace {

std::string RandomToken() {
  std::random_device random;
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", random());
  return token;
}

std::string ErrorJson(std::string_view message) {
  std::string out;
  JsonWriter json(&out, JsonWriter::kCompact);
  json.BeginObject();
  json.Key("error");
  json.String(message);
  json.EndObject();
  return out;
}

std::string ErrorJson(const absl::Status& status) {
  return ErrorJson(std::string_view(status.message().data(), status.message().size()));
}

std::string DecisionsJson(const std::vector<Decision>& decisions) {
  std::string out;
  JsonWriter json(&out, JsonWriter::kCompact);
  json.BeginObject();
  json.Key("decisions");
  json.BeginArray();
  for (const Decision& d : decisions) WriteDecisionJson(json, d);
  json.EndArray();
  json.EndObject();
  return out;
}

// The body of a POST: an object with exactly the known string fields.
absl::StatusOr<Decision> ParseDecision(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the body is not JSON");
  }
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the body must be a JSON object");
  }
  Decision decision;
  for (auto [key, value] : object) {
    std::string* field = key == "finding"    ? &decision.finding
                         : key == "status"   ? &decision.status
                         : key == "reason"   ? &decision.reason
                         : key == "reviewer" ? &decision.reviewer
                                             : nullptr;
    if (field == nullptr) {
      return absl::InvalidArgumentError(StrCat("unknown field '", std::string_view(key),
                                               "'; known: finding, status, reason, reviewer"));
    }
    std::string_view text;
    if (value.get(text) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(StrCat(std::string_view(key), ": expected a string"));
    }
    *field = std::string(text);
  }
  return decision;
}

void Reply(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json");
}

}  // namespace

absl::StatusOr<std::unique_ptr<DeskServer>> DeskServer::Create(DeskOptions options) {
  std::unique_ptr<DeskServer> desk(new DeskServer());
  const std::string html_path =
      (std::filesystem::path(options.report_dir) / "report.html").string();
  absl::StatusOr<std::string> html = ReadFile(html_path, size_t{4} << 30);
  if (!html.ok()) return html.status();
  if (options.db.empty()) {
    options.db = (std::filesystem::path(options.report_dir) / "reviews.db").string();
  }
  absl::StatusOr<std::unique_ptr<ReviewStore>> store = ReviewStore::Open(options.db);
  if (!store.ok()) return store.status();
  desk->store_ = *std::move(store);
  desk->token_ = RandomToken();
  // The page may call back to this server, and learns its token from a meta
  // tag; everything else stays as strict as the file on disk.
  std::string page = *std::move(html);
  const std::string policy = "default-src 'none';";
  if (size_t at = page.find(policy); at != std::string::npos) {
    page.replace(at, policy.size(), "default-src 'none'; connect-src 'self';");
  }
  if (size_t head = page.find("<head>"); head != std::string::npos) {
    page.insert(head + 6,
                StrCat("\n<meta name=\"parallax-desk-token\" content=\"", desk->token_, "\">"));
  }
  desk->page_ = std::move(page);
  desk->options_ = std::move(options);
  desk->server_ = std::make_unique<httplib::Server>();
  desk->Route();
  return desk;
}

DeskServer::~DeskServer() = default;

absl::StatusOr<int> DeskServer::Bind() {
  const int port = options_.port == 0
                       ? server_->bind_to_any_port(options_.host)
                       : (server_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port < 0) {
    return absl::UnavailableError(
        StrCat("cannot listen on ", options_.host, ":", options_.port, " (in use?)"));
  }
  port_ = port;
  return port;
}

void DeskServer::Run() { server_->listen_after_bind(); }

void DeskServer::Stop() { server_->stop(); }

void DeskServer::Route() {
  server_->set_payload_max_length(options_.max_body);
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    // Only names of this server: a page of another site that rebinds its
    // name to 127.0.0.1 still sends its own name as Host.
    const std::string host = req.get_header_value("Host");
    std::set<std::string> ours = {StrCat(options_.host, ":", port_), StrCat("localhost:", port_),
                                  StrCat("127.0.0.1:", port_), StrCat("[::1]:", port_)};
    for (const std::string& name : options_.names) ours.insert(StrCat(name, ":", port_));
    if (!ours.contains(host)) {
      Reply(res, 403, ErrorJson(StrCat("unknown Host '", host, "'")));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const auto page = [this](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(page_, "text/html; charset=utf-8");
  };
  server_->Get("/", page);
  server_->Get("/report.html", page);
  server_->Get("/api/decisions", [this](const httplib::Request&, httplib::Response& res) {
    absl::StatusOr<std::vector<Decision>> latest = store_->Latest();
    if (!latest.ok()) return Reply(res, 500, ErrorJson(latest.status()));
    Reply(res, 200, DecisionsJson(*latest));
  });
  server_->Get(R"(/api/decisions/(f-[0-9a-f]{12}))", [this](const httplib::Request& req,
                                                            httplib::Response& res) {
    absl::StatusOr<std::vector<Decision>> history = store_->History(req.matches[1].str());
    if (!history.ok()) return Reply(res, 500, ErrorJson(history.status()));
    Reply(res, 200, DecisionsJson(*history));
  });
  server_->Post("/api/decisions", [this](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("X-Parallax-Token") != token_) {
      return Reply(res, 403, ErrorJson("missing or wrong X-Parallax-Token"));
    }
    if (req.has_header("Origin") &&
        req.get_header_value("Origin") != StrCat("http://", req.get_header_value("Host"))) {
      return Reply(res, 403, ErrorJson("cross-origin writes are refused"));
    }
    if (!req.get_header_value("Content-Type").starts_with("application/json")) {
      return Reply(res, 415, ErrorJson("expected Content-Type: application/json"));
    }
    absl::StatusOr<Decision> decision = ParseDecision(req.body);
    if (!decision.ok()) return Reply(res, 400, ErrorJson(decision.status()));
    absl::StatusOr<Decision> stored = store_->Record(*std::move(decision));
    if (absl::IsInvalidArgument(stored.status())) {
      return Reply(res, 400, ErrorJson(stored.status()));
    }
    if (!stored.ok()) return Reply(res, 500, ErrorJson(stored.status()));
    std::string out;
    JsonWriter json(&out, JsonWriter::kCompact);
    WriteDecisionJson(json, *stored);
    Reply(res, 201, out);
  });
}

}  // namespace parallax
