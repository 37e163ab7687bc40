import { Body, Controller, Get, Header, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { BranchReport, Leaderboard, LedgerCorrection, LedgerIdNumber, MyLedger, VolunteerLedger, VolunteerPage } from '@linli/domain';
import { AuthUser, CurrentUser, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { CorrectionDto, CursorQuery, ExportQuery, IdNumberDto, LedgerCommunityQuery, VolunteersQuery } from './ledger.dto';
import { LedgerCorrections } from './ledger.corrections';
import { LedgerExports } from './ledger.exports';
import { LedgerQueries } from './ledger.queries';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly corrections: LedgerCorrections,
    private readonly exports: LedgerExports,
  ) {}

  @Get('me')
  mine(@CurrentUser() user: AuthUser, @Query() q: CursorQuery): Promise<MyLedger> {
    return this.queries.mine(user, q.cursor);
  }

  @Post('me/id-number')
  setIdNumber(@CurrentUser() user: AuthUser, @Body() dto: IdNumberDto): Promise<LedgerIdNumber> {
    return this.corrections.setIdNumber(user, dto.idNumber);
  }

  @Get('leaderboard')
  leaderboard(@Query() q: LedgerCommunityQuery): Promise<Leaderboard> {
    return this.queries.leaderboard(q.communityId);
  }

  /** Staff and admin, or a 支部书记 (no role guard: being a branch's secretary is not a role). */
  @Get('branches')
  branches(@CurrentUser() user: AuthUser, @Query() q: LedgerCommunityQuery): Promise<BranchReport> {
    return this.queries.branchReport(user, q.communityId);
  }

  @Roles('staff', 'admin')
  @Get('volunteers')
  volunteers(@CurrentUser() user: AuthUser, @Query() q: VolunteersQuery): Promise<VolunteerPage> {
    return this.queries.volunteers(user, q);
  }

  /** Staff of the volunteer's community and admin, or the secretary of the volunteer's 支部 (read only). */
  @Get('volunteers/:id')
  volunteer(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Query() q: CursorQuery): Promise<VolunteerLedger> {
    return this.queries.volunteer(user, p.id, q.cursor);
  }

  @Roles('staff', 'admin')
  @Post('corrections')
  correct(@CurrentUser() user: AuthUser, @Body() dto: CorrectionDto): Promise<LedgerCorrection> {
    return this.corrections.correct(user, dto);
  }

  /**
   * 志愿服务记录 XLSX: one's own, or (staff of that volunteer's community, admin) a volunteer's. Sent with the
   * Authorization header (H5: fetch → blob; weapp: downloadFile with a header), never with a token in the URL.
   */
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('cache-control', 'private, no-store')
  @Get('export.xlsx')
  exportXlsx(@CurrentUser() user: AuthUser, @Query() q: ExportQuery): Promise<StreamableFile> {
    return this.exports.exportXlsx(user, q.userId);
  }
}
