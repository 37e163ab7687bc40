export default definePageConfig({ navigationBarTitleText: '公开监督', enablePullDownRefresh: true, enableShareAppMessage: true, enableShareTimeline: true })
