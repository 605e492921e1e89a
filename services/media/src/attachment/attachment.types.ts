import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OwnerType } from '../owner/owner-type.js';
import { MediaFileStatus } from '../upload/media-file.entity.js';
import { AttachmentPurpose, AttachmentState } from './attachment.entity.js';

registerEnumType(MediaFileStatus, {
  name: 'MediaFileStatus',
  description: 'Where an uploaded file stands. 文件状态',
  valuesMap: {
    UPLOADING: { description: 'Bytes still arriving. 上传中' },
    READY: { description: 'Checked and stored. 可用' },
    REJECTED: { description: 'Its content was refused (see rejectReason). 已拒收' },
    DELETED: { description: 'Deleted by retention; the record stays. 已按保存期限删除' },
  },
});

registerEnumType(AttachmentState, {
  name: 'AttachmentState',
  description: 'Whether an attachment is visible to its owner\'s readers. 附件状态',
  valuesMap: {
    ATTACHED: { description: 'Attached. 已关联' },
    PENDING_OWNER: { description: 'Waiting until media hears of the owner (offline report); only the attacher sees it. 等待关联对象' },
    REFUSED: { description: 'The attacher turned out not to be allowed to attach to the owner. 已拒绝' },
  },
});

@ObjectType('SignedLink', { description: 'A short-lived signed download link: valid until expiresAt, for whoever holds it. 限时下载链接' })
export class SignedLink {
  @Field({ description: 'The URL (GET). 下载地址' })
  url: string;

  @Field({ description: 'When the link stops working. 失效时间' })
  expiresAt: Date;
}

@ObjectType('PhotoLocation', { description: 'Where a photo was taken, from its EXIF (removed from the served file). 拍摄位置' })
export class PhotoLocation {
  @Field(() => Float, { description: 'Latitude, WGS 84 degrees. 纬度' })
  latitude: number;

  @Field(() => Float, { description: 'Longitude, WGS 84 degrees. 经度' })
  longitude: number;

  @Field(() => Float, { nullable: true, description: 'Altitude in metres. 海拔(米)' })
  altitude: number | null;
}

/** One attachment with its file and what media knows of its owner (the owner facts are not exposed). */
@ObjectType('MediaAttachment', { description: 'A file attached to a case, hazard, visit, patrol, service order or check-in. 附件' })
export class AttachmentView {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The upload (tus) id of the file. 上传编号' })
  uploadId: string;

  @Field(() => OwnerType, { description: 'What it is attached to. 所属对象类型' })
  ownerType: OwnerType;

  @Field(() => ID, { description: 'The id of what it is attached to. 所属对象编号' })
  ownerId: string;

  @Field(() => AttachmentPurpose, { description: 'Why it is attached. 用途' })
  purpose: AttachmentPurpose;

  @Field(() => AttachmentState, { description: 'Attached, or waiting for its owner. 状态' })
  state: AttachmentState;

  @Field(() => MediaFileStatus, { description: 'The file\'s status. 文件状态' })
  status: MediaFileStatus;

  @Field({ description: 'The name the uploader gave. 文件名' })
  fileName: string;

  @Field(() => String, { nullable: true, description: 'The type found by content, e.g. image/jpeg. 文件类型(按内容识别)' })
  mimeType: string | null;

  @Field(() => Int, { nullable: true, description: 'Bytes of the served file. 大小(字节)' })
  size: number | null;

  @Field(() => Int, { nullable: true, description: 'Image width in pixels. 宽' })
  width: number | null;

  @Field(() => Int, { nullable: true, description: 'Image height in pixels. 高' })
  height: number | null;

  @Field({ description: 'When it was attached. 关联时间' })
  attachedAt: Date;

  @Field({ description: 'Who attached it (Keycloak user id). 关联人' })
  attachedBy: string;

  // Not fields: what the resolvers need to decide links and location.
  objectKey: string | null;
  thumbnailKey: string | null;
  latitude: number | null;
  longitude: number | null;
  altitude: number | null;
  takenAt: Date | null;
  ownerAreaCode: string | null;
  ownerDepartmentCode: string | null;
  ownerCreatedBy: string | null;
}

@InputType('AttachMediaInput', { description: 'Files (finished uploads of yours) to attach to an owner. 关联附件' })
export class AttachMediaInput {
  @Field(() => OwnerType, { description: 'What to attach to. 所属对象类型' })
  @IsEnum(OwnerType)
  ownerType: OwnerType;

  @Field(() => ID, { description: 'Its id (a check-in: "<activityId>:<volunteerId>"). 所属对象编号' })
  @Matches(/^[0-9a-fA-F-]{36}(:[0-9a-fA-F-]{36})?$/, { message: 'must be a UUID (a check-in: two, joined by ":")' })
  ownerId: string;

  @Field(() => [ID], { description: 'Upload ids (1–20), your own finished uploads. 上传编号' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  uploadIds: string[];

  @Field(() => AttachmentPurpose, { nullable: true, description: 'Why (default REPORT). 用途' })
  @IsOptional()
  @IsEnum(AttachmentPurpose)
  purpose?: AttachmentPurpose;
}

@ObjectType('AttachMediaPayload', { description: 'The attachments, in the order of uploadIds. 关联结果' })
export class AttachMediaPayload {
  @Field(() => [AttachmentView])
  attachments: AttachmentView[];
}

@ObjectType('MediaUpload', { description: 'One of your uploads (tus), as the server sees it. 我的上传' })
export class UploadView {
  @Field(() => ID)
  id: string;

  @Field(() => MediaFileStatus)
  status: MediaFileStatus;

  @Field({ description: 'The name you gave. 文件名' })
  fileName: string;

  @Field(() => Float, { description: 'Bytes declared when the upload started. 声明大小' })
  declaredSize: number;

  @Field(() => String, { nullable: true, description: 'Type found by content. 按内容识别的类型' })
  mimeType: string | null;

  @Field(() => String, { nullable: true, description: 'Why the content was refused. 拒收原因' })
  rejectReason: string | null;

  @Field({ description: 'When the upload started. 开始时间' })
  createdAt: Date;

  @Field(() => Boolean, { description: 'Attached to an owner already. 是否已关联' })
  attached: boolean;
}
