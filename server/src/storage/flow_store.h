// FlowStore: flow versions as marketers save them, and which one is published.
#ifndef LEADQ_SERVER_STORAGE_FLOW_STORE_H_
#define LEADQ_SERVER_STORAGE_FLOW_STORE_H_

#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/records.h"

namespace leadq {

class FlowStore {
 public:
  virtual ~FlowStore() = default;
  // Stores `flow` as a new version (flow.version is assigned: previous + 1) and, when
  // `publish`, makes it the version visitors get. Returns the stored record.
  virtual Result<FlowRecord> SaveFlowVersion(FlowRecord flow, bool publish) = 0;
  // The published version; NotFound when the flow does not exist or has none.
  virtual Result<FlowRecord> GetPublishedFlow(const std::string& site_key,
                                              const std::string& flow_id) = 0;
  virtual Result<FlowRecord> GetFlowVersion(const std::string& site_key, const std::string& flow_id,
                                            int version) = 0;
  // Makes an existing version the published one; NotFound when it does not exist.
  virtual Status PublishFlowVersion(const std::string& site_key, const std::string& flow_id,
                                    int version) = 0;
  virtual Result<std::vector<FlowSummary>> ListFlows(const std::string& site_key) = 0;
  // Versions of one flow, newest first (documents included).
  virtual Result<std::vector<FlowRecord>> ListFlowVersions(const std::string& site_key,
                                                           const std::string& flow_id) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_FLOW_STORE_H_
