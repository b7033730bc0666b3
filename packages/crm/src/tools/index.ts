import type { ZohoTool } from '@zoho-agent-kit/core';
import type { CrmClient } from '../client.js';
import { crmAddNote } from './add-note.js';
import { crmConvertLead } from './convert-lead.js';
import { crmCoqlQuery } from './coql-query.js';
import { crmCreateRecord } from './create-record.js';
import { crmDeleteRecord } from './delete-record.js';
import { crmDescribeModule } from './describe-module.js';
import { crmDownloadAttachment } from './download-attachment.js';
import { crmGetRecord } from './get-record.js';
import { crmGetRelatedRecords } from './get-related-records.js';
import { crmListActivities } from './list-activities.js';
import { crmListAttachments } from './list-attachments.js';
import { crmListNotes } from './list-notes.js';
import { crmListRecords } from './list-records.js';
import { crmPipelineSummary } from './pipeline-summary.js';
import { crmSearch } from './search.js';
import { crmUpdateRecord } from './update-record.js';
import { crmUploadAttachment } from './upload-attachment.js';
import { crmUpsertRecord } from './upsert-record.js';

export {
  crmAddNote,
  crmConvertLead,
  crmCoqlQuery,
  crmCreateRecord,
  crmDeleteRecord,
  crmDescribeModule,
  crmDownloadAttachment,
  crmGetRecord,
  crmGetRelatedRecords,
  crmListActivities,
  crmListAttachments,
  crmListNotes,
  crmListRecords,
  crmPipelineSummary,
  crmSearch,
  crmUpdateRecord,
  crmUploadAttachment,
  crmUpsertRecord,
};

/** Every CRM tool, reads first. */
export const crmTools: ZohoTool<CrmClient>[] = [
  crmSearch,
  crmGetRecord,
  crmListRecords,
  crmCoqlQuery,
  crmDescribeModule,
  crmPipelineSummary,
  crmListActivities,
  crmGetRelatedRecords,
  crmListNotes,
  crmListAttachments,
  crmDownloadAttachment,
  crmCreateRecord,
  crmUpdateRecord,
  crmUpsertRecord,
  crmAddNote,
  crmConvertLead,
  crmUploadAttachment,
  crmDeleteRecord,
];
