import { Body, Controller, Get, Header, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { BranchReport, Leaderboard, LedgerCorrection, LedgerIdNumber, MyLedger } from '@linli/domain';
import { AuthUser, CurrentUser, Roles } from '../../common/decorators/auth.decorators';
import { CorrectionDto, CursorQuery, ExportQuery, IdNumberDto, LedgerCommunityQuery } from './ledger.dto';
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

  @Roles('staff', 'admin')
  @Get('branches')
  branches(@CurrentUser() user: AuthUser, @Query() q: LedgerCommunityQuery): Promise<BranchReport> {
    return this.queries.branchReport(user, q.communityId);
  }

  @Roles('staff', 'admin')
  @Post('corrections')
  correct(@CurrentUser() user: AuthUser, @Body() dto: CorrectionDto): Promise<LedgerCorrection> {
    return this.corrections.correct(user, dto);
  }

  /** 志愿服务记录 XLSX; the token may come as ?token= so a download link works in a browser. */
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('cache-control', 'private, no-store')
  @Get('export.xlsx')
  exportXlsx(@CurrentUser() user: AuthUser, @Query() q: ExportQuery): Promise<StreamableFile> {
    return this.exports.exportXlsx(user, q.userId);
  }
}
