import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID, Length } from 'class-validator';

@InputType({ description: 'Link a login to a person after checking their ID card: type the number from the card. 关联账号（须核对身份证）' })
export class LinkAccountInput {
  @Field(() => ID, { description: 'Person id, in your area. 人员ID' })
  @IsUUID()
  personId: string;

  @Field(() => ID, { description: 'The login: its Keycloak user id (subject). 账号（Keycloak 用户ID）' })
  @IsUUID()
  accountId: string;

  @Field({ description: 'ID number typed from the ID card shown; must be the person\'s. 身份证号（按证件录入，须与人员一致）' })
  @Length(1, 30)
  idNumber: string;
}

@InputType({ description: 'Issue a one-time link code for a person who links their own login. 发放关联码' })
export class IssueLinkCodeInput {
  @Field(() => ID, { description: 'Person id, in your area. 人员ID' })
  @IsUUID()
  personId: string;
}

@InputType({ description: 'Link your own login to your person with the code your grid worker gave you. 使用关联码关联本人账号' })
export class RedeemLinkCodeInput {
  @Field({ description: 'The code, e.g. ABCDE-FGHJK (case, spaces and dashes do not matter). 关联码' })
  @Length(1, 40)
  code: string;
}

@InputType({ description: 'Remove the link between a person and their login. 解除账号关联' })
export class UnlinkAccountInput {
  @Field(() => ID, { description: 'Person id, in your area. 人员ID' })
  @IsUUID()
  personId: string;

  @Field({ description: 'Why (4–200 characters), kept in the audit log. 原因（4–200字，记入审计）' })
  @Length(0, 200)
  reason: string;
}
