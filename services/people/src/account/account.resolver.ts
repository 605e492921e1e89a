import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { LEDGER_EDITOR_ROLES, LINK_CODE_REDEEMER_ROLES } from '../access/person-field.policy.js';
import { PersonPayload } from '../person/person.types.js';
import { AccountLinkService } from './account-link.service.js';
import { IssueLinkCodeInput, LinkAccountInput, RedeemLinkCodeInput, UnlinkAccountInput } from './account.inputs.js';
import { IssueLinkCodePayload } from './account.types.js';
import { LINK_CODE_VALID_DAYS, WRONG_LINK_TRIES_PER_HOUR } from './link-code.js';

/** A person and their login (DOMAIN.md §8.7). */
@Resolver()
export class AccountResolver {
  constructor(private readonly service: AccountLinkService) {}

  @Mutation(() => PersonPayload, {
    description:
      `Link a resident's or volunteer's login to their person in your area; the ID number typed from their ID card must be the person's ` +
      `(after ${WRONG_LINK_TRIES_PER_HOUR} mismatches an hour you are refused). Audited. 关联账号与人员（须核对身份证，留痕）`,
  })
  @Roles(...LEDGER_EDITOR_ROLES)
  async linkAccount(@CurrentUser() user: AuthUser, @Args('input') input: LinkAccountInput): Promise<PersonPayload> {
    return { person: await this.service.link(user, input) };
  }

  @Mutation(() => IssueLinkCodePayload, {
    description: `A one-time code (valid ${LINK_CODE_VALID_DAYS} days) the person redeems with their own login; replaces an earlier code. Audited. 发放一次性关联码（留痕）`,
  })
  @Roles(...LEDGER_EDITOR_ROLES)
  issueLinkCode(@CurrentUser() user: AuthUser, @Args('input') input: IssueLinkCodeInput): Promise<IssueLinkCodePayload> {
    return this.service.issueCode(user, input);
  }

  @Mutation(() => PersonPayload, {
    description: `Link your own login to your person with the code from your grid worker; after ${WRONG_LINK_TRIES_PER_HOUR} wrong codes an hour you are refused. Audited. 使用关联码关联本人账号（留痕）`,
  })
  @Roles(...LINK_CODE_REDEEMER_ROLES)
  async redeemLinkCode(@CurrentUser() user: AuthUser, @Args('input') input: RedeemLinkCodeInput): Promise<PersonPayload> {
    return { person: await this.service.redeem(user, input) };
  }

  @Mutation(() => PersonPayload, { description: 'Remove the link between a person in your area and their login, with a reason. Audited. 解除账号关联（留痕）' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async unlinkAccount(@CurrentUser() user: AuthUser, @Args('input') input: UnlinkAccountInput): Promise<PersonPayload> {
    return { person: await this.service.unlink(user, input) };
  }
}
